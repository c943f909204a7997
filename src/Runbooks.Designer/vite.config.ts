import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The designer is served by `runbooks serve` at "/": everything it loads comes from the server itself, so the build
// inlines nothing from elsewhere and `npm run dev` proxies the API to a local server.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:5080" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
