// What a storefront bundler sees when it imports @plaudit/embed (its built dist, as npm users get
// it): widget-kinds.test.ts bundles this for the browser, the mount functions and custom elements.
export * from "@plaudit/embed";
