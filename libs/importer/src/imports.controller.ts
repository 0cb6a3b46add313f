import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@app/accounts';
import { toImportProposalDto } from './import.mapper';
import { ImportService } from './import.service';
import { ImportArticleDto, ImportProposalDto } from './imports.dto';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post('articles')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Read a news report of a training and propose a draft session, every field with its quote',
    description:
      'Nothing is stored. Fields are linked to the catalogue (people, bodies, documents, provinces) or proposed as ' +
      'new; a report of an event already in the catalogue is proposed as a second source of it (sameEventAs). A ' +
      'field the article does not support with a quote is left empty. Accepting a proposal is not available yet.',
  })
  @ApiOkResponse({ type: ImportProposalDto })
  @ApiPayloadTooLargeResponse({ description: 'The article is larger than 512 KiB (problem+json)' })
  async propose(@Body() body: ImportArticleDto): Promise<ImportProposalDto> {
    return toImportProposalDto(await this.imports.propose(body));
  }
}
