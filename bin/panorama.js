#!/usr/bin/env node
// The `panorama` command. Sources are TypeScript, run through tsx: no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
