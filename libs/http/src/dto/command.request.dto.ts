import { ApiProperty } from '@nestjs/swagger';
import { COMMAND_TYPES } from '@libs/domain';

/**
 * The body of POST /commands: one command in the command-file shape, or an array of them. The
 * envelope is checked here; the fields of each command by the domain's own parser, which knows every
 * command's fields and names the one that is wrong.
 */
export class CommandRequestDto {
  @ApiProperty({ enum: COMMAND_TYPES, example: 'RecordRijkPayment' })
  command!: string;

  @ApiProperty({ example: 'holland-rijnland' })
  regionId!: string;
}

export class RecordedEventDto {
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'stream revision, as a string (it may exceed 2^53)' }) revision!: string;
}

export class CommandResultDto {
  @ApiProperty() index!: number;
  @ApiProperty() command!: string;
  @ApiProperty() regionId!: string;
  @ApiProperty() commandId!: string;
  @ApiProperty({ type: [RecordedEventDto], description: 'empty when the command changed nothing (idempotent repeat)' })
  events!: RecordedEventDto[];
}

export class CommandsResponseDto {
  @ApiProperty({ type: [CommandResultDto] }) results!: CommandResultDto[];
}
