#!/usr/bin/env node
// The `deepgram-emulator` command (also `deepgram emulator`); launch.js says what it runs.
import { launch } from "./launch.js"

await launch(import.meta.url)
