// Child process of the kill -9 test: imports a source and stops, holding the import transaction
// open, once the given table is merged; the test then kills it.
import { openWriter } from '../../../platform/warehouse/index.ts';
import { importData } from './import.ts';

const [dataDir, source, stopAfter] = process.argv.slice(2);
const warehouse = await openWriter(dataDir);
await importData({
  warehouse,
  source,
  rejectsDir: `${dataDir}/rejects`,
  onStep: async (step) => {
    if (step.step === 'merged' && step.table === stopAfter) {
      process.stdout.write('READY\n');
      setInterval(() => {}, 1000);
      await new Promise(() => {});
    }
  },
});
process.stdout.write('FINISHED\n');
