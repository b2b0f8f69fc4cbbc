/**
 * Bad usage of a `cardmock` command as a value: option checks return it instead of printing and
 * exiting, so each check stays a small rule and the command decides once how to report it.
 */
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
