import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../auth/public.decorator';
import { FAVICON_SVG } from './assets/favicon';
import { LIVE_CLIENT } from './assets/live-client';
import { UI_CSS } from './assets/ui-css';

interface Asset {
  readonly type: string;
  readonly body: string;
  readonly etag: string;
}

const asset = (type: string, body: string): Asset => ({
  type,
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
});

const ASSETS = {
  css: asset('text/css; charset=utf-8', UI_CSS),
  live: asset('text/javascript; charset=utf-8', LIVE_CLIENT),
  favicon: asset('image/svg+xml', FAVICON_SVG),
};

/** The pages' own stylesheet, script and icon, served by the app itself (nothing from a CDN); public, cacheable. */
@ApiExcludeController()
@Public()
@Controller('ui/assets')
export class UiAssetsController {
  @Get('ui.css')
  css(@Res() response: Response) {
    this.send(response, ASSETS.css);
  }

  @Get('live.js')
  live(@Res() response: Response) {
    this.send(response, ASSETS.live);
  }

  @Get('favicon.svg')
  favicon(@Res() response: Response) {
    this.send(response, ASSETS.favicon);
  }

  private send(response: Response, file: Asset): void {
    response
      .setHeader('Cache-Control', 'public, max-age=3600')
      .setHeader('ETag', file.etag)
      .type(file.type)
      .send(file.body);
  }
}
