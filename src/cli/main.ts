import { Command } from 'commander';
import { ConfigError } from '../platform/errors.ts';
import { registerAudiencesCommand } from './audiences.command.ts';
import { registerGenerateCommand } from './generate.command.ts';
import { registerImportCommand } from './import.command.ts';
import { registerPublishCommand } from './publish.command.ts';
import { registerReplayCommand } from './replay.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerStartCommand } from './start.command.ts';
import { registerTagsCommand } from './tags.command.ts';

const program = new Command('panorama')
  .description('Panorama — customer intelligence and marketing for banks')
  .showHelpAfterError();

registerStartCommand(program);
registerServeCommand(program);
registerGenerateCommand(program);
registerImportCommand(program);
registerPublishCommand(program);
registerReplayCommand(program);
registerTagsCommand(program);
registerAudiencesCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`panorama: ${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(
    `panorama: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
