import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'geldstroom:public';
/** A route anyone may call without a token (health, API documentation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
