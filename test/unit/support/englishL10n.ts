/** The English localizer (src/app/ports/localizer.ts), under the name the tests use. */
export { englishLocalizer as englishL10n } from '../../../src/app/ports/localizer';
