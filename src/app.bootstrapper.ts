import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from './auth/users.service';
import { SYSTEM_ACTOR } from './common/actor';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { loadReferenceData } from './config/organization';
import { migrate } from './database/migrate';
import { DemoLoader } from './demo/demo-loader';
import { Committee, Sector } from './directory/directory.entities';
import { NamedListService } from './directory/named-list.service';

/** Start-up work, in order: migrations, the shipped reference lists, the first admin, the demo data set. */
@Injectable()
export class Bootstrapper {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly lists: NamedListService,
    private readonly demo: DemoLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ adminPassword?: string }> {
    await migrate(this.ds);
    await this.loadReferenceLists();
    const admin = await this.users.ensureAdmin();
    if (this.config.demo) await this.demo.loadIfEmpty();
    return { adminPassword: admin.password };
  }

  /** Start-up work that needs the initialised application (the job processors registered): the demo documents. */
  async afterInit(): Promise<void> {
    if (this.config.demo) await this.demo.loadDocumentsIfNone();
  }

  /** Loaded once, into empty tables; afterwards the lists belong to the office and are edited in the app. */
  private async loadReferenceLists(): Promise<void> {
    const ref = loadReferenceData();
    if ((await this.ds.getRepository(Sector).count()) === 0) {
      for (const [i, name] of ref.sectors.entries())
        await this.lists.create('sector', SYSTEM_ACTOR, { name, sortOrder: (i + 1) * 10 });
      this.logger.log(`已载入 ${ref.sectors.length} 个界别`);
    }
    if ((await this.ds.getRepository(Committee).count()) === 0) {
      for (const [i, name] of ref.committees.entries())
        await this.lists.create('committee', SYSTEM_ACTOR, { name, sortOrder: (i + 1) * 10 });
      this.logger.log(`已载入 ${ref.committees.length} 个专委会`);
    }
  }
}
