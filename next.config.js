// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image (Dockerfile) runs Next's standalone server; `npm start` does not need it.
  ...(process.env.SWITCHYARD_STANDALONE === '1' ? { output: 'standalone' } : {}),
  // dockerode pulls in ssh2 and optional native addons (cpu-features); they must stay
  // plain Node requires on the server, never bundled.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  poweredByHeader: false,
  // The stylesheet (Tailwind: a few kB whatever the page) goes in the HTML: no render-blocking
  // request before the first paint, which already shows the graph (app/page.tsx).
  experimental: { inlineCss: true },
  reactStrictMode: true,
  // The dashboard is served on loopback; dev requests from 127.0.0.1 are ours.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  async headers() {
    const dev = process.env.NODE_ENV !== 'production';
    const csp = [
      "default-src 'self'",
      // Next's App Router bootstraps with inline scripts; React refresh needs eval in development.
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
      // Cytoscape and React set inline styles.
      "style-src 'self' 'unsafe-inline'",
      // PNG export and the graph's canvas use data: and blob: URLs.
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    // GET /api/topology?encoding=gzip|br (and the fleet's, /api/fleet/topology) answers a body compressed once per version
    // (lib/store/served.ts). Next drops a route handler's own Content-Encoding and would
    // compress every response again, so the header is set here, where Next's compression sees
    // it and stands aside; the route guarantees every body of such a request is so encoded.
    // Without ?encoding= the coding Accept-Encoding offers (br, else gzip; not one offered with
    // q=0), decided by the route the same way (lib/api/content-coding.ts, whose test holds the
    // patterns equal). Of two rules that set a header the later wins: br over gzip, the query
    // over Accept-Encoding.
    const offered = (coding) => `(?:.*[ \\t,])?${coding}(?![ \\t]*;[ \\t]*q=0(?:\\.0{0,3})?[ \\t]*(?:,.*)?$)(?:[ \\t]*(?:[;,].*)?)`;
    const encoded = ['/api/topology', '/api/fleet/topology'].flatMap((source) => [
      ...['gzip', 'br'].map((enc) => ({
        source,
        has: [{ type: 'header', key: 'accept-encoding', value: offered(enc) }],
        missing: [{ type: 'query', key: 'encoding' }],
        headers: [{ key: 'Content-Encoding', value: enc }],
      })),
      ...['gzip', 'br'].map((enc) => ({
        source,
        has: [{ type: 'query', key: 'encoding', value: enc }],
        headers: [{ key: 'Content-Encoding', value: enc }],
      })),
    ]);
    return [...encoded, {
      source: '/:path*',
      headers: [
        { key: 'Content-Security-Policy', value: csp },
        { key: 'X-Frame-Options', value: 'DENY' },
        { key: 'X-Content-Type-Options', value: 'nosniff' },
        { key: 'Referrer-Policy', value: 'same-origin' },
        { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
        { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
      ],
    }];
  },
};

module.exports = nextConfig;
