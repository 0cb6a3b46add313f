// Rewrites `import.meta.url` to a file URL built from __filename when Jest compiles an
// ES-module-only dependency to CommonJS. (The published plugin emits `require('url')`, which
// collides with modules that declare their own `const require = createRequire(import.meta.url)`.)
const FILE_URL = '("file://" + __filename)';

module.exports = function importMetaUrlToFilename({ types: t }) {
  return {
    visitor: {
      MetaProperty(path) {
        const { node, parentPath } = path;
        if (node.meta.name !== 'import' || node.property.name !== 'meta') return;
        if (parentPath.isMemberExpression() && t.isIdentifier(parentPath.node.property, { name: 'url' })) {
          parentPath.replaceWithSourceString(FILE_URL);
        } else {
          path.replaceWithSourceString(`({ url: ${FILE_URL} })`);
        }
      },
    },
  };
};
