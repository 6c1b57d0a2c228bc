import type { Catalogs } from '../i18n/i18n.js';

export const filesMessages: Catalogs = {
  'zh-CN': {
    'files.use.unknown': '未知的文件用途。',
    'files.file.missing': '请选择要上传的文件（表单字段 file）。',
    'files.file.empty': '文件是空的，请重新选择。',
    'files.file.tooLarge': '文件不能超过 {limit}。',
    'files.file.type': '文件内容不是允许的类型，只接受：{types}。（按文件内容判断，与文件扩展名无关）',
    'files.tooLarge': '上传的文件过大。',
    'files.upload.notAllowed': '您不能上传此类文件。',
    'files.attach.unavailable': '该文件不存在、已被其他记录使用，或不是您上传的。',
  },
  en: {
    'files.use.unknown': 'Unknown file use.',
    'files.file.missing': 'Please choose a file to upload (form field "file").',
    'files.file.empty': 'The file is empty; please choose another.',
    'files.file.tooLarge': 'The file must not be larger than {limit}.',
    'files.file.type': 'The file content is not an accepted type. Accepted: {types}. (Judged by content, not by the file name.)',
    'files.tooLarge': 'The uploaded file is too large.',
    'files.upload.notAllowed': 'You may not upload this kind of file.',
    'files.attach.unavailable': 'The file does not exist, belongs to another record, or was not uploaded by you.',
  },
};
