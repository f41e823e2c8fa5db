// The `prepack` script of every workspace package: a package is not packed or published from its own
// directory, whose `exports` point at the TypeScript sources. `npm run build && npm run pack` writes the
// publishable directory packages/<name>/dist (exports pointing at the build) and its tarball in build/pack.
import { readFileSync } from "node:fs"
import { basename } from "node:path"

const { name } = JSON.parse(readFileSync("package.json", "utf8"))
console.error(
  `${name}: this directory is the development package (exports point at src/*.ts). ` +
    `Run npm run build && npm run pack at the repository root, then use build/pack/*.tgz ` +
    `or npm publish packages/${basename(process.cwd())}/dist.`
)
process.exit(1)
