import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfigOrExit } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { app } = await createApp(config);
  await app.listen(config.port);
  new Logger('Main').log(`协商平台已启动：http://localhost:${config.port}（数据库：${config.database.type}）`);
}

main().catch((e: Error) => {
  new Logger('Main').fatal(`启动失败：${e.message}`);
  process.exit(1);
});
