#!/usr/bin/env bash
# Starts the built API on the PostgreSQL server at 127.0.0.1:5432 (a fresh database each run),
# waits for /health/ready, checks the seeded catalogue is served, then stops it with SIGTERM
# and expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# The product runs on the Node 24 that npm installed (node_modules/.bin), not the system Node.
export PATH="$PWD/node_modules/.bin:$PATH"
db="ttdn_ci_$$"
admin="postgres://postgres@127.0.0.1:5432/postgres"
node -e "const {Client}=require('pg');(async()=>{const c=new Client('$admin');await c.connect();await c.query('CREATE DATABASE $db');await c.end()})()"
cleanup() {
  node -e "const {Client}=require('pg');(async()=>{const c=new Client('$admin');await c.connect();await c.query('DROP DATABASE IF EXISTS $db WITH (FORCE)');await c.end()})()" || true
}
trap cleanup EXIT
port=3917
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" SEED_ON_START=always PORT=$port LOG_LEVEL=warn \
  node --max-semi-space-size=16 dist/apps/api/src/main.js &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health/ready"
echo
# The seed was loaded on this server: the six seeded sessions are served.
total=$(curl -fsS "http://127.0.0.1:$port/api/v1/sessions?limit=100" | node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>console.log(JSON.parse(s).page.total))")
[ "$total" -ge 6 ] || { echo "expected the seeded sessions on DATABASE_URL, got $total"; kill -TERM "$pid"; exit 1; }
echo "seeded sessions served: $total"
kill -TERM "$pid"
wait "$pid"
echo "API on DATABASE_URL: ready, stopped cleanly"
