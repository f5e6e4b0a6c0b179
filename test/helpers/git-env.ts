// The environment for tests that run git (and attune's --changed-since, the CI examples): the
// outer repo's GIT_* and GitHub Actions variables removed, a fixed identity, no user or system
// git config, and git kept from walking up past `ceiling` into the repo the tests run in.
export function gitTestEnv(ceiling: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && !k.startsWith('GITHUB_')) env[k] = v;
  return {
    ...env,
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CEILING_DIRECTORIES: ceiling,
    ...extra,
  };
}
