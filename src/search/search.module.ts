import { Global, Module } from '@nestjs/common';
import { TextIndexService } from './text-index.service';

/** The bigram text index, injectable everywhere: proposals and topics index their text through it. */
@Global()
@Module({ providers: [TextIndexService], exports: [TextIndexService] })
export class SearchModule {}
