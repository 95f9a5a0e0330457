/** Runs the CLI from the TypeScript sources (for tests): node -r tests/support/ts-register.js tests/support/cli-from-source.ts <args>. */
import { main } from '../../interfaces/cli/main';

void main(process.argv.slice(2));
