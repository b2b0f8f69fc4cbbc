/**
 * Command-line usage of the `cardmock` commands: options parsed, and bad usage as a value. Option
 * checks return a UsageError instead of printing and exiting, so each check stays a small rule and
 * the command decides once how to report it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface UsageError {
  usage: string;
  /** Whether the command's help text follows the line. */
  withHelp?: boolean;
}

export const isUsageError = (value: object): value is UsageError => 'usage' in value;

/** Print `cardmock <command>: <usage>` (then the help, when asked for); the exit code of bad usage. */
export function usageExit(command: string, error: UsageError, help: string): number {
  console.error(`cardmock ${command}: ${error.usage}${error.withHelp ? `\n\n${help}` : ''}`);
  return 2;
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type OptionValues<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O }>>['values'];

/** The command line's option values, or what is wrong with it (an unknown option, a missing value). */
export function parseOptions<O extends Options>(argv: string[], options: O): OptionValues<O> | UsageError {
  try {
    return parseArgs({ args: argv, options }).values;
  } catch (error) {
    return { usage: (error as Error).message, withHelp: true };
  }
}

export interface CommandLine<Values, Settings> {
  values: Values;
  settings: Settings;
}

/**
 * The prologue every command shares: parse, answer `--help`, check the options into settings.
 * Returns the parsed values and settings, or the exit code (0 after help, 2 on bad usage).
 */
export async function readCommandLine<Values extends { help?: boolean | undefined }, Settings extends object>(
  command: string,
  help: string,
  parse: () => Values | UsageError,
  settingsOf: (values: Values) => Settings | UsageError | Promise<Settings | UsageError>,
): Promise<CommandLine<Values, Settings> | number> {
  const values = parse();
  if (isUsageError(values)) return usageExit(command, values, help);
  if (values.help) {
    console.log(help);
    return 0;
  }
  const settings = await settingsOf(values);
  if (isUsageError(settings)) return usageExit(command, settings, help);
  return { values, settings };
}
