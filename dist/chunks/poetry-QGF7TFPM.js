import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{c as t}from"./chunk-Q3VVTUYN.js";import"./chunk-6G7CKFX6.js";var o={async configure({endpoint:r,token:a,settings:P}){let e=t(P.registryName);return{[`POETRY_REPOSITORIES_${e}_URL`]:r,[`POETRY_HTTP_BASIC_${e}_USERNAME`]:"aws",[`POETRY_HTTP_BASIC_${e}_PASSWORD`]:a}}};export{o as poetry};
