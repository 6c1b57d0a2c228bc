import type { Catalogs } from '../i18n/i18n.js';

export const searchMessages: Catalogs = {
  'zh-CN': {
    'search.q.required': '请输入要搜索的字词。',
    'search.q.length': '请输入要搜索的字词，不超过 100 个字。',
    'search.q.tooLong': '搜索内容不能超过 100 个字，请精简后再试。',
    'search.source.invalid': '不认识的信息类别。',
    'search.date.invalid': '请输入 YYYY-MM-DD 格式的有效日期，例如 2026-01-31。',
    'search.to.beforeFrom': '结束日期不能早于开始日期。',
    'search.synonym.term.invalid': '请填写一个词：不超过 20 个字，不含空格，须包含文字或数字。',
    'search.synonym.term.taken': '该词已设置过同义词，请在原有记录上修改。',
    'search.synonym.synonyms.required': '请至少填写一个与该词不同的同义词。',
    'search.synonym.synonyms.invalid': '每个同义词不超过 30 个字，且须包含文字或数字。',
  },
  en: {
    'search.q.required': 'Please enter the words to search for.',
    'search.q.length': 'Please enter the words to search for, at most 100 characters.',
    'search.q.tooLong': 'A search may have at most 100 characters; please shorten it.',
    'search.source.invalid': 'Unknown kind of information.',
    'search.date.invalid': 'Please enter a valid date as YYYY-MM-DD, for example 2026-01-31.',
    'search.to.beforeFrom': 'The end date cannot be before the start date.',
    'search.synonym.term.invalid': 'Please enter one word: at most 20 characters, no spaces, with letters or digits.',
    'search.synonym.term.taken': 'This word already has synonyms; change that entry instead.',
    'search.synonym.synonyms.required': 'Please enter at least one synonym different from the word.',
    'search.synonym.synonyms.invalid': 'Each synonym may have at most 30 characters and must contain letters or digits.',
  },
};
