#!/usr/bin/env node
// The `deepgram` command; launch.js (shared with deepgram-emulator) says what it runs.
import { launch } from "./launch.js"

await launch(import.meta.url)
