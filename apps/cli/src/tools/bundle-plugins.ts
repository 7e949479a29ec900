import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/*
 * What the service's bundle (bundle.ts) changes of the packages it takes in: work they do when they are
 * loaded, for something the service does not use, is done when it is first used instead. The service
 * holds less from its start on; what it answers stays the same (bundle-plugins.spec.ts compares each
 * with the package as it is).
 */

/**
 * A stand-in for libphonenumber-js in the service's bundle: the package is required from node_modules
 * when one of its members is first read. class-validator requires it at its own start, for
 * @IsPhoneNumber alone, which no rule here uses; its phone number metadata took 1.7 MiB of the service's
 * heap and a tenth of the bundle. A use would work as before, loading it then.
 */
export const libphonenumberWhenUsed: Plugin = {
  name: 'libphonenumber-when-used',
  setup(plugin) {
    const namespace = 'when-used';
    plugin.onResolve({ filter: /^libphonenumber-js\/max$/ }, ({ path, namespace: from }) =>
      // the stand-in's own require is the package itself, left in node_modules
      from === namespace ? { path, external: true } : { path, namespace },
    );
    plugin.onLoad({ filter: /.*/, namespace }, ({ path }) => ({
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require(${JSON.stringify(path)}));`,
        'module.exports = new Proxy({}, {',
        '  get: (_, key) => load()[key],',
        '  has: (_, key) => key in load(),',
        '  ownKeys: () => Reflect.ownKeys(load()),',
        '  getOwnPropertyDescriptor: (_, key) => {',
        '    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);',
        '    return descriptor && { ...descriptor, configurable: true };',
        '  },',
        '});',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Nest's two loggers each make an Intl.DateTimeFormat when their module is evaluated, for the time in a
 * line they print; the service logs through pino and never prints one. Making a date format maps about
 * 5 MiB of ICU's locale and time zone data into the process (its resident memory, measured), so in the
 * service's bundle each is made when a line first needs it, with the same locale and options. A change
 * of those lines in Nest stops the build (an edit that no longer applies must not pass unseen).
 */
export const nestDateFormatWhenUsed: Plugin = {
  name: 'nest-date-format-when-used',
  setup(plugin) {
    const made = 'const dateTimeFormatter = new Intl.DateTimeFormat(';
    const whenUsed = [
      'const dateTimeFormatter = ((...made) => {',
      '  let format;',
      '  return { format: (date) => (format ??= new Intl.DateTimeFormat(...made)).format(date) };',
      '})(',
    ].join(' ');
    plugin.onLoad(
      { filter: /[\\/]@nestjs[\\/]common[\\/]services[\\/](console-)?logger\.service\.js$/ },
      ({ path }) => {
        const code = readFileSync(path, 'utf8');
        if (code.split(made).length !== 2 || code.split('dateTimeFormatter').length !== 3)
          throw new Error(`${path}: Nest's date format is not made and used as this build expects`);
        return { contents: code.replace(made, whenUsed), loader: 'js' };
      },
    );
  },
};

/** The plugins of the service's bundle. */
export const SERVICE_BUNDLE_PLUGINS: Plugin[] = [libphonenumberWhenUsed, nestDateFormatWhenUsed];
