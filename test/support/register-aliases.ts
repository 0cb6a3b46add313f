// Jest's moduleNameMapper does not apply to globalSetup/globalTeardown, which run under plain
// Node require: teach it the tsconfig path aliases (@app/*, @migrations) before anything else loads.
import * as path from 'node:path';
import { register } from 'tsconfig-paths';
import tsconfig from '../../tsconfig.json';

register({ baseUrl: path.resolve(__dirname, '../..'), paths: tsconfig.compilerOptions.paths });
