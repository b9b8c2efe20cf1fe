# Switchyard as a container: Next.js standalone output on a small Node base, run as the
# unprivileged `node` user (give it the Docker socket's group: see compose.yaml).
#
#   docker build -t switchyard .
#   docker compose up -d          (compose.yaml: the socket, pid: host, loopback only)
#
# BASE (the image it runs on) is any image with Node.js 20+ and a `node` user (uid 1000).
# BUILD_BASE (where it is built) also needs npm, and g++, make and python3 for better-sqlite3
# where its prebuilt binary cannot be downloaded; build and run on the same C library. The test
# suite makes both from this machine's own Node (scripts/lab.sh node-base, node-build), so
# that no registry is needed.
#
# The activity log is kept in /data (SWITCHYARD_DATA_DIR): give it a volume (compose.yaml does).
ARG BASE=node:20-bookworm-slim
ARG BUILD_BASE=node:20-bookworm

FROM ${BUILD_BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${BUILD_BASE} AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 SWITCHYARD_STANDALONE=1
RUN npx next build && node scripts/build-agent.mjs

FROM ${BASE} AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 SWITCHYARD_HOST=127.0.0.1 SWITCHYARD_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/scripts/container-start.mjs ./container-start.mjs
# Switchyard's agent (lib/agent/main.ts, bundled): what an agent container started from this image runs.
COPY --from=build --chown=node:node /app/.next/agent.mjs ./agent.mjs
# API tokens from the command line: docker exec switchyard node token.mjs create --role viewer --name ci
COPY --from=build --chown=node:node /app/.next/token-cli.mjs ./token.mjs
USER node
VOLUME /data
EXPOSE 3000
# Listens where SWITCHYARD_HOST says (127.0.0.1 by default: with network_mode host, the host's
# own loopback). Any other address needs SWITCHYARD_TOKEN, as outside a container.
CMD ["node", "container-start.mjs"]
