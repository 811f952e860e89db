// One webpack build for every service: our TypeScript (apps and the libs they import through the
// tsconfig paths) becomes one dist/apps/<app>/main.js; everything in node_modules stays external.
const path = require('path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

module.exports = (env = {}) => {
  const app = env.app;
  if (!app) throw new Error('webpack.app.js needs --env app=<name>');
  const root = __dirname;
  const tsconfig = path.join(root, 'apps', app, 'tsconfig.app.json');
  return {
    mode: 'production',
    target: 'node20',
    context: root,
    entry: path.join(root, 'apps', app, 'src', 'main.ts'),
    output: { path: path.join(root, 'dist', 'apps', app), filename: 'main.js', clean: true },
    devtool: 'source-map',
    optimization: { minimize: false, nodeEnv: false },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
    resolve: { extensions: ['.ts', '.js'], plugins: [new TsconfigPathsPlugin({ configFile: tsconfig })] },
    module: {
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: tsconfig } }],
    },
    stats: 'errors-warnings',
  };
};
