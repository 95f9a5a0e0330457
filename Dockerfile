# syntax=docker/dockerfile:1
# Hamaynk's image: built once (dependencies installed, TypeScript compiled), run as a non-root user
# with production dependencies and dist/ only. docker-compose.yml runs every role from it:
#   docker build -t hamaynk .
#   docker run --rm -e JWT_SECRET=… -p 3000:3000 hamaynk serve

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, the compiled sources, then the dev dependencies pruned ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary for this Node version; the toolchain is its fallback.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# No scripts yet: `prepare` would compile sources not copied in yet. better-sqlite3's native
# binding is the one install script the runtime needs.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY domain ./domain
COPY application ./application
COPY projections ./projections
COPY infrastructure ./infrastructure
COPY interfaces ./interfaces
COPY seed ./seed
COPY tests ./tests
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: production dependencies and dist/, as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    SEED=none
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist/domain ./dist/domain
COPY --from=build --chown=root:root /app/dist/application ./dist/application
COPY --from=build --chown=root:root /app/dist/projections ./dist/projections
COPY --from=build --chown=root:root /app/dist/infrastructure ./dist/infrastructure
COPY --from=build --chown=root:root /app/dist/interfaces ./dist/interfaces
COPY --from=build --chown=root:root /app/dist/seed ./dist/seed
COPY --chown=root:root bin ./bin
COPY --chown=root:root seed/data ./seed/data
# The code is root's and read-only to the process; only DATA_DIR is the process's to write.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
ENTRYPOINT ["node", "bin/hamaynk.js"]
CMD ["serve"]
