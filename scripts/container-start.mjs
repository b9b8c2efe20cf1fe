// The container's entry point: Next's standalone server listens on HOSTNAME, Switchyard's
// security check reads SWITCHYARD_HOST; one setting decides both, so they never disagree.
process.env.SWITCHYARD_HOST ||= '127.0.0.1';
process.env.HOSTNAME = process.env.SWITCHYARD_HOST;
await import('./server.js');
