import { AppError, ErrorCode } from '@xc/domain';

/**
 * An uploaded file the engine will not take: not CSV or XLSX, an encoding it cannot read, a
 * malformed CSV (unclosed quote, wrong number of columns) or a suspicious spreadsheet. The message
 * is Chinese and names the line (CSV) or sheet row (XLSX) when there is one; as an AppError with
 * BadRequest it answers 400 through the one error handler.
 */
export class DatasetFormatError extends AppError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(ErrorCode.BadRequest, message, line === undefined ? undefined : { line });
    this.name = 'DatasetFormatError';
  }
}

/** A run's inputs do not fit its datasets (a mapped column the file does not have, a dataset that is gone). */
export class RunInputError extends AppError {
  constructor(message: string) {
    super(ErrorCode.BadRequest, message);
    this.name = 'RunInputError';
  }
}

/** A dataset id the engine has no file for. */
export class DatasetNotFoundError extends AppError {
  constructor(readonly datasetId: string) {
    super(ErrorCode.NotFound, '数据集不存在或已删除');
    this.name = 'DatasetNotFoundError';
  }
}
