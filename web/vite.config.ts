import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console is served by the Hosting emulator from dist/ on 127.0.0.1:5173 (firebase.json);
// `npm run dev --workspace web` serves it with hot reload on 5174 against the same emulators.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
