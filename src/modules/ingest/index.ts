// Public surface of the ingest module: the synthetic bank generator, importers and publishing.
export { generateBank, type GenerateOptions, type GenerateSummary } from './generator/generate.ts';
export { importData, type ImportOptions, type ImportReport } from './import/import.ts';
export { publishToServing, type PublishOptions, type PublishReport } from './publish/publish.ts';
