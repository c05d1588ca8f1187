import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'src/frameworks/element-props.d.ts', 'src/frameworks/solid-props.d.ts'] }, // generated
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '.config/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', structuredClone: 'readonly', fetch: 'readonly' } },
  },
  {
    // Node scripts that drive a browser: console here, browser globals inside page.evaluate().
    files: ['src/bench/**/*.mjs', 'src/build/**/*.mjs', 'src/demo/**/*.mjs', 'src/test/node/**/*.mjs', 'src/test/apps/*.mjs'],
    languageOptions: {
      globals: { console: 'readonly', window: 'readonly', document: 'readonly', requestAnimationFrame: 'readonly', addEventListener: 'readonly' },
    },
  },
);
