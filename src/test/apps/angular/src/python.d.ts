// Python files imported as text (angular.json: "loader": { ".py": "text" }).
declare module '*.py' {
  const code: string;
  export default code;
}
