// Vue's ES-module browser build, typed as the package's main entry.
declare module 'vue/dist/vue.runtime.esm-browser.prod.js' {
  export * from 'vue';
}
