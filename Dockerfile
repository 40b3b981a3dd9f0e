# The server image; `docker compose up` builds and runs it beside Postgres (see docker-compose.yml).
# The build stage compiles the TypeScript (npm run build → dist/); the runtime stage runs that
# JavaScript (and serves the explorer bundled beside it) with node alone, beside the production dependencies: no tsx, esbuild or TypeScript.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
# The explorer's bundle (dist/explore/) takes its operations from schema/operations/explore/.
COPY schema ./schema
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lockfile's production dependencies; npm's cache stays behind in this stage.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Everything the server reads at run time; owned by root, so the server can't change its own code.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY migrations ./migrations
COPY schema ./schema
COPY seeds ./seeds
# PGlite's folder, used only when the container runs without DATABASE_URL.
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 4000
# Slim images have no curl: Node's fetch asks /ready, which answers 200 only while the database
# answers and is migrated (/health would pass while the server waits for Postgres).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 (no npm or shell in between), so SIGTERM reaches the server's clean shutdown.
CMD ["node", "dist/main.js"]
