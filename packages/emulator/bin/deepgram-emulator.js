#!/usr/bin/env node
// Launcher for the built CLI (`npm run build` emits build/esm). During development use `npm run emulator`.
import "../build/esm/bin.js"
