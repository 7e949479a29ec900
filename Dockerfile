# Geldstroom service image: multi-stage, production dependencies only, runs as a non-root user.
# On Node.js 24 LTS; the code itself runs on Node.js 20 and later (package.json "engines").
# The base image is pinned by tag and by digest (the multi-platform index of node:24.20.0-trixie-slim
# as published on 27 Aug 2026); move both together when updating.
ARG NODE_IMAGE=node:24.20.0-trixie-slim@sha256:50c3b2f6988dfc307b86e5301d69611af31f4789bdf232863b07d3b02fe55ae0

FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# build: compile the TypeScript with every dependency
FROM toolchain AS build
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY test/bench test/bench
# the build ends by loading the service's bundle (bin/load-compiled.js)
COPY bin bin
RUN npm run build

# prod-deps: runtime dependencies only, with the SQLite binding compiled for this image
FROM toolchain AS prod-deps
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3

FROM ${NODE_IMAGE}
# HOST=0.0.0.0: inside a container the service must listen beyond loopback (outside one it defaults to 127.0.0.1)
# MALLOC_*: glibc's allocator as the service is launched everywhere (README, "Memory")
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072 \
    PORT=3000 \
    HOST=0.0.0.0 \
    GELDSTROOM_STORE=sqlite:/data/geldstroom.db \
    GELDSTROOM_TOKENS=/data/tokens.json
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY bin bin
COPY examples examples
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# --max-semi-space-size=4: the service's young generation at 2 x 4 MiB instead of 2 x 16 (README, "Memory")
ENTRYPOINT ["node", "--max-semi-space-size=4", "bin/geldstroom.js"]
CMD ["serve", "--port", "3000"]
