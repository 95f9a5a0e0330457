export * from './dto';
export * from './service';
