/** The spreadsheet intake (only what other packages use). */
export { renderCommandsDoc } from './commands-doc';
export { applyPlanned, newRegionCommands } from './init-region';
export type { NewRegion, PlannedCommand } from './init-region';
export { runIntake } from './intake';
export type { IntakeFile, IntakeReport } from './intake';
export { IntakeError, MAX_ISSUES } from './intake.errors';
export { REASONS } from './reasons';
export { refusalReason } from './refusals';
export type { IntakeIssue } from './intake.errors';
export { renderIntakeReport } from './preview.text';
export { SHEETS } from './sheets';
export { buildTemplate } from './template';
