import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    licenceFile: string;
  }
}

let server: RunningServer | undefined;

/** One real server for the whole end-to-end run (the files run one after the other). */
export async function setup(project: TestProject) {
  server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('adminToken', server.adminToken);
  project.provide('licenceFile', server.licence.file);
  console.log(`e2e: server up at ${server.baseUrl}`);
}

export async function teardown() {
  await server?.stop();
}
