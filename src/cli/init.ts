/**
 * `slidewright init [DIR]`: a talks project whose `npm install && npm run dev` works: a
 * package.json with the commands as scripts, an example deck that shows the format, a media
 * folder, a .gitignore and a GitHub Actions workflow that publishes the decks and their PDFs.
 * Files that exist already are left as they are (and named).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { EXIT_OK, UsageError, parseCommandLine, progress, runCommand } from './common.ts';

const NAME = 'init';

const USAGE = `
Usage: slidewright init [DIR] [options]

Starts a talks project in DIR (default: this folder): package.json (scripts dev, build,
preview, pdf, snapshots, check, fix-encoding), slides/example.md, media/, .gitignore and
.github/workflows/slides.yml (builds the site and the PDFs and publishes them on GitHub
Pages). Existing files are never overwritten. Then: npm install && npm run dev

Options:
  --dependency SPEC  how package.json depends on slidewright (default: ^<this version>; e.g. a
                     path to a .tgz from npm pack, or a git URL)
  -h, --help         this text
`;

const COMMAND = { name: NAME, usage: USAGE, options: { dependency: { type: 'string' } } } as const;

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const SCRIPTS = {
  dev: 'slidewright dev',
  build: 'slidewright build',
  preview: 'slidewright preview',
  pdf: 'slidewright pdf',
  snapshots: 'slidewright snapshots',
  check: 'slidewright check',
  'fix-encoding': 'slidewright fix-encoding',
};

const EXAMPLE_DECK = `[comment]: # (THEME = white)
[comment]: # (CODE_THEME = base16/zenburn)
[comment]: # (controls: true)
[comment]: # (progress: true)

# My talk

A speaker, a place, a date

Note:

Speaker notes: press S in the deck to see them with a timer and the next slide.

[comment]: # (!!!)

## A slide

* Lines starting \`[comment]: # (...)\` are settings: a theme, reveal.js options
* A line \`[comment]: # (!!!)\` starts a new slide
* \`[comment]: # (|||)\` starts a slide below this one

![The slidewright logo](media/example.svg)

[comment]: # (|||)

## Below

Code, with its lines shown in steps:

\`\`\`python [1|2]
greeting = "hello"
print(greeting)
\`\`\`

[comment]: # (!!! data-background-color="#203040")

## The end

Slides are at \`npm run dev\`; the site to publish is \`npm run build\`,
the handouts \`npm run pdf\`.
`;

const EXAMPLE_IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">
  <rect width="320" height="120" rx="12" fill="#2a76dd"/>
  <text x="160" y="72" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">slidewright</text>
</svg>
`;

const GITIGNORE = `node_modules/
dist/
exports/
.slidewright-cache/
`;

const WORKFLOW = `# Builds every deck, its PDF handout, and publishes them on GitHub Pages.
# In the repository's settings: Pages → Source: GitHub Actions.
name: slides
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # The PDFs and the share images need a browser: Playwright's Chromium.
      - run: npx playwright install --with-deps chromium
      - run: npm run check
      - run: npm run pdf
      - run: npm run build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;

/** A package name npm accepts, from a folder name. */
function packageName(dir: string): string {
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name || 'talks';
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(COMMAND);
  if (positionals.length > 1) throw new UsageError(`one folder at a time (got ${positionals.join(', ')})`);
  const dir = path.resolve(positionals[0] ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
  const version = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const dependency = values.dependency ?? `^${version}`;
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: packageName(dir),
        private: true,
        type: 'module',
        scripts: SCRIPTS,
        devDependencies: { slidewright: dependency },
        engines: { node: '^20.19.0 || >=22.12.0' },
      },
      null,
      2,
    )}\n`,
    'slides/example.md': EXAMPLE_DECK,
    'media/example.svg': EXAMPLE_IMAGE,
    '.gitignore': GITIGNORE,
    '.github/workflows/slides.yml': WORKFLOW,
  };
  const shown = path.relative(process.cwd(), dir) || '.';
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    if (existsSync(file)) {
      progress(`  kept ${path.join(shown, relative)} (it exists)${relative === 'package.json' ? `: add the scripts ${Object.keys(SCRIPTS).join(', ')} and the dev dependency "slidewright": "${dependency}" yourself` : ''}`);
      continue;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, content);
    progress(`  wrote ${path.join(shown, relative)}`);
  }
  progress(`\nNext:\n${shown === '.' ? '' : `  cd ${shown}\n`}  npm install\n  npm run dev       # rehearse: http://localhost:5173/example/`);
  return EXIT_OK;
}

await runCommand(NAME, main);
