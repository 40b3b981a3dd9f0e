/** An operation file of schema/operations/, as the bundler hands it in (see src/http/explore-assets.ts). */
declare module '*.graphql' {
  const operation: { readonly name: string; readonly text: string; readonly hash: string };
  export default operation;
}

declare module '*.css';
