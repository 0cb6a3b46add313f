export * from './config/app-config';
export * from './errors/problem';
export * from './errors/problem-mapper';
export * from './errors/problem.filter';
export * from './errors/validation';
export * from './pagination/page';
export * from './text/vietnamese-text';
