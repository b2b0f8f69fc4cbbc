/**
 * `cardmock <command>`: serve | conform | generate.
 */

const USAGE = `Usage: cardmock <command> [options]

Commands:
  serve      Start the stateful mock server for all vendors
  conform    Run the conformance suite against a target (cardmock conform --help)
  proxy      Judge and record real traffic to a vendor sandbox (cardmock proxy --help)
  generate   Regenerate generated/ from specs/ (--check: fail when it drifted)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate': {
      // openapi-typescript is heavy (~120 MB): load it only for this command.
      const { generate } = await import('./generate.ts');
      return generate({ check: rest.includes('--check') });
    }
    case 'serve': {
      const { serveCommand } = await import('./serve.ts');
      return serveCommand(rest);
    }
    case 'conform': {
      const { conformCommand } = await import('./conform.ts');
      return conformCommand(rest);
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
