// The smallest Node.js program: it loads Pulumi's SDK and exports what the engine told it.
const pulumi = require("@pulumi/pulumi");

exports.project = pulumi.getProject();
exports.stack = pulumi.getStack();
