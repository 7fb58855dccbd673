// Jest's test realm lacks Node's Symbol.dispose / Symbol.asyncDispose (Node adds them to its own
// realm only). undici (inside jsforce 3.10.2x) indexes Node's disposables with Symbol.dispose, so the
// test realm must share Node's symbols or every HTTP call fails with "removeAbortListener is not a function".
const { TestEnvironment } = require('jest-environment-node');

class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['dispose', 'asyncDispose']) {
      if (Symbol[name] && this.global.Symbol[name] !== Symbol[name]) {
        Object.defineProperty(this.global.Symbol, name, { value: Symbol[name] });
      }
    }
  }
}

module.exports = NodeRealmEnvironment;
