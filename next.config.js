// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in ssh2 and optional native addons (cpu-features); they must stay
  // plain Node requires on the server, never bundled.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The dashboard is served on loopback; dev requests from 127.0.0.1 are ours.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
};

module.exports = nextConfig;
