/**
 * `cardmock <command>`: serve | conform | proxy | rules. (`npm run generate` is a tool of the checkout.)
 */
import { createRequire } from 'node:module';

const USAGE = `Usage: cardmock <command> [options]

Commands:
  serve      Start the stateful mock server for all vendors
  conform    Run the conformance suite against a target (cardmock conform --help)
  proxy      Judge and record real traffic to a vendor sandbox (cardmock proxy --help)
  rules      Print the rules catalogue: each rule, its source, its answer, its scenarios (--vendor, --format md)

Options:
  --version  Print cardmock's version
`;

// package.json sits three levels up from both scripts/cli/cli.ts and dist/scripts/cli/cli.js.
const version = (): string => {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'cardmock' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case '--version':
    case '-v':
      console.log(version());
      return 0;
    case 'serve': {
      const { serveCommand } = await import('./serve.ts');
      return serveCommand(rest);
    }
    case 'conform': {
      const { conformCommand } = await import('./conform.ts');
      return conformCommand(rest);
    }
    case 'rules': {
      const { rulesCommand } = await import('./rules.ts');
      return rulesCommand(rest);
    }
    case 'proxy': {
      const { proxyCommand } = await import('./proxy.ts');
      return proxyCommand(rest);
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`cardmock: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
