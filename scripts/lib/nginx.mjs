// nginx (Debian's package, installed with apt-get when missing) in front of several studio
// replicas, round-robin, on a free port with its config, logs and temp files in a temp dir.
// Streams both ways (no request or response buffering), as a production proxy for MLflow should.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { log } from "./prepare.mjs";
import { freePort } from "./server.mjs";

function findNginx() {
  for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]) if (fs.existsSync(p)) return p;
  return null;
}

export function ensureNginx() {
  const found = findNginx();
  if (found) return found;
  if (process.getuid?.() !== 0 || spawnSync("which", ["apt-get"]).status !== 0)
    throw new Error("nginx is needed for the replica tests: install Debian's nginx package");
  log("installing Debian's nginx…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const res = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "nginx-light"], { stdio: "inherit", env });
  const bin = findNginx();
  if (res.status !== 0 || !bin) throw new Error("apt-get install nginx-light failed");
  return bin;
}

/** The config the README shows for a real deployment, with temp paths. */
export function nginxConfig({ port, upstreams, dir }) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? "user root;" : ""}
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream studio {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;           # artifact uploads of any size
    proxy_request_buffering off;      # stream uploads to the studio as they arrive
    proxy_buffering off;              # stream downloads to the client
    location / {
      proxy_pass http://studio;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_read_timeout 600s;
      proxy_send_timeout 600s;
      # A replica that is down: the next one takes requests not yet sent to it.
      proxy_next_upstream error timeout http_502;
    }
  }
}
`;
}

/** Starts nginx; returns { url, port, pid, stop }. */
export async function startNginx(upstreams) {
  const bin = ensureNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-nginx-"));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig({ port, upstreams, dir }));
  const child = spawn(bin, ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(`${url}/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    pid: child.pid,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGQUIT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
