// Resolve netlify.toml with Netlify's own parser (@netlify/config), offline,
// and print the resolved configuration as JSON. Exit 3 with the parser's
// message when the file is invalid, and 4 when the parser warns (it skips
// headers and redirects with syntax errors and only warns about them).
//   node check_config.mjs PATH/TO/netlify.toml REPOSITORY_ROOT [CONTEXT] [BRANCH]
import { resolveConfig } from '@netlify/config';

const [configPath, repositoryRoot, context = 'production', branch = 'main'] = process.argv.slice(2);
let result;
try {
  result = await resolveConfig({
    config: configPath, repositoryRoot, cwd: repositoryRoot, offline: true, context, branch, buffer: true,
  });
} catch (error) {
  process.stderr.write(String((error && error.message) || error));
  process.exit(3);
}
const warnings = ((result.logs && result.logs.stderr) || []).map((line) => line.replace(/\u200b/g, '').trim());
process.stdout.write(JSON.stringify({ config: result.config, configPath: result.configPath, buildDir: result.buildDir, warnings }));
if (warnings.length > 0) {
  process.stderr.write(warnings.join('\n'));
  process.exit(4);
}
